using ReaderKit.Card.Credentials;

namespace ReaderKit.Cli.Tests;

/// <summary>The phone verb's input rules (in-process, no hardware); the run against the emulator is in the end-to-end tests.</summary>
public sealed class PhoneCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliCommands.RunAsync(args, new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_pin_is_taken_from_standard_input_only()
    {
        var (exit, _, error) = await Run("phone", "--link", "hsu", "--port", "/dev/readerkit-no-such-port", "--card-wait", "1");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--pin-stdin", error, StringComparison.Ordinal);
        var (argvExit, _, _) = await Run("phone", "--pin", "1234");
        Assert.Equal(ExitCodes.BadInput, argvExit);
    }

    [Theory]
    [InlineData("--floor", "0", "--floor must be at least 1")]
    [InlineData("--card-wait", "0", "--card-wait must be between 0 and 3600 seconds")]
    [InlineData("--deadline", "7200", "--deadline must be between 0 and 3600 seconds")]
    public async Task The_floor_and_the_waits_are_checked_as_for_verify(string option, string value, string message)
    {
        var (exit, _, error) = await Run("phone", "--link", "hsu", "--port", "/dev/readerkit-no-such-port", "--pin-stdin", option, value);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234\n")]
    [InlineData("1234\r\n")]
    [InlineData("1234")]
    public void A_four_digit_line_is_read_into_a_buffer(string line) =>
        Assert.Equal("1234".ToCharArray(), PhoneCommand.ReadPin(new StringReader(line)));

    [Theory]
    [InlineData("12345\n")]
    [InlineData("12\n")]
    [InlineData("")]
    public void Any_other_length_is_refused_without_echoing_it(string line)
    {
        var e = Assert.Throws<InvalidCredentialFormatException>(() => PhoneCommand.ReadPin(new StringReader(line)));
        if (line.Trim().Length > 0)
        {
            Assert.DoesNotContain(line.Trim(), e.Message, StringComparison.Ordinal);
        }
    }
}
