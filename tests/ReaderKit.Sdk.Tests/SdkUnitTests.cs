using ReaderKit.Contracts;
using ReaderKit.Protocol;

namespace ReaderKit.Sdk.Tests;

public sealed class SdkUnitTests
{
    [Theory]
    [InlineData(ErrorCode.CardRemoved, typeof(ReaderKitCardException))]
    [InlineData(ErrorCode.RetryFloorReached, typeof(ReaderKitCredentialException))]
    [InlineData(ErrorCode.NotGenuine, typeof(ReaderKitAuthenticityException))]
    [InlineData(ErrorCode.ReaderBusy, typeof(ReaderKitReaderException))]
    [InlineData(ErrorCode.PresentationAttackSuspected, typeof(ReaderKitFaceException))]
    [InlineData(ErrorCode.CameraUnavailable, typeof(ReaderKitFaceException))]
    [InlineData(ErrorCode.LeaseHeld, typeof(ReaderKitSessionException))]
    [InlineData(ErrorCode.InvalidInput, typeof(ReaderKitInputException))]
    [InlineData(ErrorCode.RecordNotFound, typeof(ReaderKitStorageException))]
    [InlineData(ErrorCode.MethodNotFound, typeof(ReaderKitProtocolException))]
    [InlineData(ErrorCode.Cancelled, typeof(ReaderKitCancelledException))]
    [InlineData(ErrorCode.InternalError, typeof(ReaderKitException))]
    public void Each_error_family_has_its_exception_type(ErrorCode code, Type expected)
    {
        var e = ReaderKitException.From(RpcError.From(code, "m"));
        Assert.Equal(expected, e.GetType());
        Assert.Equal(code, e.Code);
        Assert.Equal(ErrorCodes.NameOf(code), e.Name);
    }

    [Fact]
    public void An_error_from_a_newer_host_keeps_its_number_and_name()
    {
        var e = ReaderKitException.From(new RpcError(4999, "SomethingNew", "m"));
        Assert.Equal(typeof(ReaderKitException), e.GetType());
        Assert.Equal(4999, (int)e.Code);
        Assert.Equal("SomethingNew", e.Name);
        Assert.False(e.Retryable);
    }

    [Fact]
    public void Endpoints_parse_and_print_both_forms()
    {
        var unix = ReaderKitEndpoint.Parse("unix:/run/readerkit/rpc.sock");
        Assert.Equal("/run/readerkit/rpc.sock", unix.UnixSocketPath);
        var fp = string.Concat(Enumerable.Repeat("ab", 32));
        var tls = ReaderKitEndpoint.Parse($"tls://192.0.2.10:7420#sha256={fp.ToUpperInvariant()}");
        Assert.Equal(("192.0.2.10", 7420), (tls.Host, tls.Port));
        Assert.Equal($"tls://192.0.2.10:7420#sha256={fp}", tls.ToString());
        Assert.Throws<FormatException>(() => ReaderKitEndpoint.Parse("tls://192.0.2.10:7420"));
        Assert.Throws<ArgumentException>(() => ReaderKitEndpoint.Parse("tls://h:1#sha256=1234"));
        Assert.Throws<FormatException>(() => ReaderKitEndpoint.Parse("http://x"));
    }
}
