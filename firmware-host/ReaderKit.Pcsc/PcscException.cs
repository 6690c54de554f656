using System.Globalization;
using ReaderKit.Apdu;

namespace ReaderKit.Pcsc;

/// <summary>
/// A pcsc-lite call failed. <see cref="Code"/> is the SCARD_* value, <see cref="CardTransportException.Failure"/> what it means
/// for a tap (<see cref="PcscErrors.Failure"/>): <c>SCARD_E_SHARING_VIOLATION</c> is <see cref="CardTransportFailure.ReaderBusy"/>,
/// a removed or reset card <see cref="CardTransportFailure.CardRemoved"/>, no pcscd or no reader
/// <see cref="CardTransportFailure.ReaderUnavailable"/>.
/// </summary>
public sealed class PcscException : CardTransportException
{
    public PcscException(string call, uint code, string? detail = null)
        : this(call, code, PcscErrors.Failure(code), detail)
    {
    }

    public PcscException(string call, uint code, CardTransportFailure failure, string? detail = null, Exception? inner = null)
        : base(failure, string.Create(CultureInfo.InvariantCulture, $"{call} failed: {PcscErrors.Name(code)} ({PcscErrors.Describe(code)}){(detail is null ? "" : "; " + detail)}."), inner)
    {
        Call = call;
        Code = code;
    }

    /// <summary>The pcsc-lite function (e.g. <c>SCardConnect</c>).</summary>
    public string Call { get; }

    /// <summary>The SCARD_* return value (0 when the failure is not a pcsc-lite code, e.g. a missing library).</summary>
    public uint Code { get; }

    /// <summary>The symbolic name of <see cref="Code"/>.</summary>
    public string CodeName => PcscErrors.Name(Code);
}
