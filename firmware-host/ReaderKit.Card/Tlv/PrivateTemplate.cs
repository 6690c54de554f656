using System.Buffers.Binary;

namespace ReaderKit.Card.Tlv;

/// <summary>
/// A transparent EF holding one private-class template (<c>FF 20 …</c>, <c>FF 30 …</c>): the outer
/// object located by parsing (leading bytes tolerated) and its children. Structure only — no field is
/// interpreted here, so a caller can check signatures over the raw bytes first.
/// </summary>
public sealed class PrivateTemplate
{
    private readonly byte[] _file;

    private PrivateTemplate(byte[] file, TlvElement outer, IReadOnlyList<TlvElement> children)
    {
        _file = file;
        Outer = outer;
        Children = children;
    }

    /// <summary>The outer object (offsets relative to the file as read).</summary>
    public TlvElement Outer { get; }

    /// <summary>The outer object's children in file order (trailing 00/FF filler ignored).</summary>
    public IReadOnlyList<TlvElement> Children { get; }

    /// <summary>Bytes before the outer tag (some cards return two extra bytes).</summary>
    public int LeadingBytes => Outer.Start;

    /// <summary>The whole file as read.</summary>
    public ReadOnlySpan<byte> File => _file;

    /// <summary>
    /// Parses <paramref name="file"/> (a copy is kept) and requires the outer tag <paramref name="outerTag"/>.
    /// </summary>
    /// <exception cref="CardDataFormatException">Malformed TLV, wrong tag or duplicate children.</exception>
    public static PrivateTemplate Parse(ReadOnlySpan<byte> file, int outerTag, string fileName)
    {
        try
        {
            var copy = file.ToArray();
            var outer = BerTlvReader.FindOuter(copy, outerTag);
            var children = BerTlvReader.ReadChildren(copy, outer, allowFiller: true);
            var seen = new HashSet<int>();
            foreach (var child in children)
            {
                if (!seen.Add(child.Tag))
                {
                    throw new CardDataFormatException($"{fileName}: tag {child.Tag:X} occurs twice");
                }
            }

            return new PrivateTemplate(copy, outer, children);
        }
        catch (CardDataFormatException ex) when (!ex.Message.StartsWith(fileName, StringComparison.Ordinal))
        {
            throw new CardDataFormatException($"{fileName}: {ex.Message}", ex);
        }
    }

    /// <summary>The child with <paramref name="tag"/>, or null.</summary>
    public TlvElement? Find(int tag)
    {
        foreach (var child in Children)
        {
            if (child.Tag == tag)
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>The child with <paramref name="tag"/>.</summary>
    /// <exception cref="CardDataFormatException">It is missing.</exception>
    public TlvElement Require(int tag, string fileName) =>
        Find(tag) ?? throw new CardDataFormatException($"{fileName}: no {tag:X} object");

    /// <summary>A copy of the value of a child.</summary>
    public byte[] ValueOf(TlvElement element) => element.Value(_file).ToArray();

    /// <summary>A copy of a child as encoded (tag, length, value).</summary>
    public byte[] RawOf(TlvElement element) => element.Raw(_file).ToArray();

    /// <summary>A copy of the raw bytes of a run of consecutive children (first..last inclusive, in file order).</summary>
    public byte[] RawRange(TlvElement first, TlvElement last) => _file.AsSpan(first.Start, last.End - first.Start).ToArray();

    /// <summary>A copy of the raw bytes from <paramref name="offset"/> to the end of the outer value.</summary>
    public byte[] RawFrom(int offset) => _file.AsSpan(offset, Outer.End - offset).ToArray();

    /// <summary>
    /// Checks a <c>DF21</c>-style offset table (big-endian u16, one per object following it) against the
    /// real positions of those objects. A real text-AP dump (soltia48/myna-card test vector) has each entry equal
    /// to the offset of the object's first tag byte from the start of the file. Whether cards that put bytes before
    /// <c>FF 20</c> count them is unknown [U], so the origin may be the file start or the outer tag — one origin for
    /// every entry. A table with more entries than objects, an odd length, or any entry off is a lying table.
    /// </summary>
    /// <exception cref="OffsetTableMismatchException">The table disagrees with the positions.</exception>
    public void CheckOffsetTable(int tableTag, string fileName)
    {
        var table = Require(tableTag, fileName);
        var value = table.Value(_file);
        if (value.Length == 0 || value.Length % 2 != 0)
        {
            throw new OffsetTableMismatchException($"{fileName}: offset table {tableTag:X} has {value.Length} bytes (must be a non-zero multiple of 2)");
        }

        var following = Children.SkipWhile(c => c.Tag != tableTag).Skip(1).ToArray();
        var entries = value.Length / 2;
        if (entries > following.Length)
        {
            throw new OffsetTableMismatchException($"{fileName}: offset table lists {entries} objects but only {following.Length} follow it");
        }

        var origins = Outer.Start == 0 ? new[] { 0 } : new[] { 0, Outer.Start };
        foreach (var origin in origins)
        {
            var all = true;
            for (var i = 0; i < entries && all; i++)
            {
                int claimed = BinaryPrimitives.ReadUInt16BigEndian(value.Slice(i * 2, 2));
                all = claimed == following[i].Start - origin;
            }

            if (all)
            {
                return;
            }
        }

        for (var i = 0; i < entries; i++)
        {
            int claimed = BinaryPrimitives.ReadUInt16BigEndian(value.Slice(i * 2, 2));
            if (origins.All(o => claimed != following[i].Start - o))
            {
                throw new OffsetTableMismatchException($"{fileName}: offset table entry {i} says {claimed} but object {following[i].Tag:X} starts at {following[i].Start}");
            }
        }

        throw new OffsetTableMismatchException($"{fileName}: offset table entries mix origins (file start and outer tag)");
    }
}
