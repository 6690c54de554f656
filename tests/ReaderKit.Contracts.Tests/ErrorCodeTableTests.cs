using ReaderKit.Contracts;

namespace ReaderKit.Contracts.Tests;

/// <summary>The numbers and names are a published contract: this test pins them. Changing a row here is a breaking change.</summary>
public sealed class ErrorCodeTableTests
{
    public static TheoryData<int, string> Published => new()
    {
        { 0, "Ok" },
        { 1001, "CardNotPresent" }, { 1002, "CardRemoved" }, { 1003, "CardNotSupported" }, { 1004, "CardDataMalformed" },
        { 1101, "CredentialRejected" }, { 1102, "CredentialBlocked" }, { 1103, "RetryFloorReached" },
        { 1104, "RetryCounterUnknown" }, { 1105, "CredentialOutcomeUnknown" },
        { 1201, "NotGenuine" }, { 1202, "Expired" },
        { 2001, "ReaderUnavailable" }, { 2002, "ReaderTimeout" }, { 2003, "ReaderProtocolError" }, { 2004, "ReaderBusy" }, { 2005, "TapDeadlineExceeded" },
        { 3001, "FaceNotMatched" }, { 3002, "PresentationAttackSuspected" }, { 3003, "FaceCheckInconclusive" }, { 3004, "FaceNotChecked" },
        { 3005, "CameraUnavailable" }, { 3006, "FaceModelsUnavailable" }, { 3007, "StaffConfirmationRefused" },
        { 4001, "Unauthorized" }, { 4002, "LeaseHeld" }, { 4003, "RateLimited" },
        { 4010, "HostUnreachable" }, { 4011, "ConnectionLost" }, { 4012, "CertificatePinMismatch" }, { 4013, "WaitTimedOut" },
        { 5001, "InvalidInput" }, { 5002, "TrustStoreInvalid" }, { 5003, "ConfigurationInvalid" }, { 5004, "InvalidHandle" }, { 5101, "JournalUnavailable" }, { 5102, "RecordNotFound" },
        { -32002, "HelloRequired" }, { -32010, "UnsupportedProtocol" }, { -32800, "Cancelled" }, { -32700, "ParseError" },
        { -32600, "InvalidRequest" }, { -32601, "MethodNotFound" }, { -32602, "InvalidParams" }, { -32603, "InternalError" },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Published_codes_keep_their_number_and_name(int number, string name)
    {
        var code = (ErrorCode)number;
        Assert.Equal(name, ErrorCodes.NameOf(code));
        Assert.True(ErrorCodes.TryParse(name, out var parsed));
        Assert.Equal(code, parsed);
        Assert.Equal(code, ErrorCodes.Info(code).Code);
    }

    [Fact]
    public void Every_enum_member_is_in_the_table_and_pinned_here()
    {
        var pinned = Published.Select(row => (int)row[0]).ToHashSet();
        foreach (var code in Enum.GetValues<ErrorCode>())
        {
            Assert.Contains(ErrorCodes.All, i => i.Code == code);
            Assert.Contains((int)code, pinned);
        }

        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Select(i => i.Code).Distinct().Count());
    }

    [Fact]
    public void Unknown_numbers_from_a_newer_peer_get_a_stable_name_and_internal_category()
    {
        var code = (ErrorCode)1999;
        Assert.Equal("E1999", ErrorCodes.NameOf(code));
        Assert.Equal(ErrorCategory.Internal, ErrorCodes.Info(code).Category);
        Assert.False(ErrorCodes.TryParse("NoSuchName", out _));
    }

    [Fact]
    public void Categories_follow_the_number_ranges()
    {
        foreach (var info in ErrorCodes.All)
        {
            var n = (int)info.Code;
            var expected = n switch
            {
                0 => new[] { ErrorCategory.None },
                >= 1001 and < 1100 => [ErrorCategory.Card],
                >= 1100 and < 1200 => [ErrorCategory.Credential],
                >= 1200 and < 2000 => [ErrorCategory.Authenticity],
                >= 2000 and < 3000 => [ErrorCategory.Reader],
                >= 3000 and < 4000 => [ErrorCategory.Face, ErrorCategory.Camera],
                >= 4000 and < 5000 => [ErrorCategory.Session],
                >= 5000 and < 5100 => [ErrorCategory.Input],
                >= 5100 and < 6000 => [ErrorCategory.Storage],
                -32800 => [ErrorCategory.Cancelled],
                -32603 => [ErrorCategory.Internal],
                _ => [ErrorCategory.Protocol],
            };
            Assert.Contains(info.Category, expected);
        }
    }

    [Theory]
    [InlineData(CheckLineStatus.Pass, "PASS surface.cvc: ok")]
    [InlineData(CheckLineStatus.Fail, "FAIL surface.cvc: ok")]
    [InlineData(CheckLineStatus.Skip, "SKIP surface.cvc: ok")]
    [InlineData(CheckLineStatus.Warn, "WARN surface.cvc: ok")]
    public void Check_lines_print_one_format_and_parse_back(CheckLineStatus status, string text)
    {
        var line = new CheckLine("surface.cvc", status, "ok");
        Assert.Equal(text, line.ToString());
        Assert.Equal(status, CheckLine.ParseStatus(line.StatusWord.ToLowerInvariant()));
        Assert.Throws<FormatException>(() => CheckLine.ParseStatus("MAYBE"));
    }
}
