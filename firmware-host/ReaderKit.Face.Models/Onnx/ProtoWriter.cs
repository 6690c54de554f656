using System.Buffers.Binary;
using System.Text;

namespace ReaderKit.Face.Models.Onnx;

/// <summary>
/// Minimal protocol-buffers encoder: varints, fixed32 floats and length-delimited fields, which is all the ONNX
/// messages we emit need. Repeated scalars are written unpacked (valid for ONNX's proto2 schema).
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public void WriteVarint(int field, long value)
    {
        WriteTag(field, 0);
        WriteRawVarint((ulong)value);
    }

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, 2);
        WriteRawVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteMessage(int field, Action<ProtoWriter> body)
    {
        var inner = new ProtoWriter();
        body(inner);
        WriteBytes(field, inner.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void WriteTag(int field, int wireType) => WriteRawVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteRawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
