using System.CommandLine;
using System.Globalization;

namespace ReaderKit.Cli.Tests;

/// <summary>
/// The command lines of the tapping verbs are contracts: every option of <c>verify</c> and <c>phone</c>, in help order, with
/// its aliases, description, default and value type, exactly as written here.
/// </summary>
public sealed class TapVerbOptionsTests
{
    /// <summary>The reader-link options both verbs list first (<c>ReaderLinkOptions</c>).</summary>
    private const string LinkOptions =
        """
        --link |  | The reader: a PN532 on i2c, spi or hsu, or pcsc for a USB PC/SC (CCID) contactless reader. | i2c | String | optional
        --reader |  | pcsc: part of the reader's name (case-insensitive; default: the only reader). An unknown or ambiguous name lists the readers. | - | String | optional
        --bus |  | I2C bus (default 1) or SPI bus (default 0). | -1 | Int32 | optional
        --i2c-khz |  | I2C bus clock in kHz as configured in config.txt (100 or 400); used for timing estimates. | 100 | Int32 | optional
        --cs-gpio |  | SPI: the GPIO (BCM number) wired to the PN532's NSS pin. | 8 | Int32 | optional
        --spi-hz |  | SPI clock in Hz (PN532 maximum 5 MHz). | 1000000 | Int32 | optional
        --port |  | HSU: the serial device, e.g. /dev/serial0 or the simulator's /dev/pts/N. | /dev/serial0 | String | optional
        --baud |  | HSU: baud rate (the PN532 starts at 115200). | 115200 | Int32 | optional
        """;

    private static string Render(string verb)
    {
        var command = CliCommands.Root().Subcommands.Single(c => c.Name == verb);
        return string.Join('\n', [command.Description, .. command.Options.Select(o => string.Join(
            " | ",
            o.Name,
            string.Join(",", o.Aliases.Order(StringComparer.Ordinal)),
            o.Description,
            o.HasDefaultValue ? Convert.ToString(o.GetDefaultValue(), CultureInfo.InvariantCulture) : "-",
            Nullable.GetUnderlyingType(o.ValueType) is { } underlying ? underlying.Name + "?" : o.ValueType.Name,
            o.Required ? "required" : "optional"))]);
    }

    [Fact]
    public void Verify_keeps_every_option_as_before() =>
        Assert.Equal(
            string.Join('\n', "Verify one My Number Card offline over the PN532 or a PC/SC reader (照合番号B → card face → J-LIS signatures → chip challenge → face).", LinkOptions, """
            --trust |  | Extra trust anchors (JSON, each with a role); production J-LIS keys are built in. | - | FileInfo | optional
            --allow-test-anchors |  | Accept test-hierarchy anchors (key ids 6…, JPKI-TEST roots, entries marked test, e.g. the simulator's trust file). | False | Boolean | optional
            --birth-date |  | Holder's birth date YYYY-MM-DD (with --allow-argv-secret; prefer --number-b-stdin). | - | String | optional
            --western-birth-date |  | Foreign resident: 照合番号B uses the Western year (YY) instead of the era year. | False | Boolean | optional
            --expiry-year |  | Expiry year printed on the card face (with --allow-argv-secret). | - | Int32? | optional
            --security-code |  | 4-digit security code: refused unless --allow-argv-secret (argv is visible to other users; use --number-b-stdin). | - | String | optional
            --allow-argv-secret |  | Accept the security code on the command line (testing only). | False | Boolean | optional
            --number-b-stdin |  | Read 'YYYY-MM-DD EXPIRY CODE' from standard input (the production path). | False | Boolean | optional
            --floor |  | Refuse to VERIFY when this many tries or fewer remain (at least 1). | 2 | Int32 | optional
            --allow-last-try |  | Explicitly allow spending the last try (staffed counter only). | False | Boolean | optional
            --text |  | Also read and verify the text AP's four basic facts (name, address, DOB, sex as text). | False | Boolean | optional
            --jpki |  | Also validate the JPKI user-authentication certificate chain. | False | Boolean | optional
            --camera |  | Match the chip photo against a camera: rpicam, v4l2:N or file:DIR. | - | String | optional
            --allow-replay-camera |  | Accept --camera file:DIR (recorded frames cannot follow the active challenge: testing and calibration only). | False | Boolean | optional
            --require-face |  | Refuse when the face was not checked (no --camera). | False | Boolean | optional
            --frames |  | Replayed cameras (file:DIR): frames to use for the face check (6–60). | 12 | Int32 | optional
            --face-threshold |  | Match threshold (default: the measured one; never below the matcher's floor). | - | Double? | optional
            --card-wait |  | Seconds to wait for a card in the field. | 10 | Double | optional
            --deadline |  | Seconds for the whole tap. | 60 | Double | optional
            --photo-out |  | Write the verified chip photo (JPEG 2000) here. | - | FileInfo | optional
            --json |  | Print the JSON report instead of text. | False | Boolean | optional
            """),
            Render("verify"));

    [Fact]
    public void Phone_keeps_every_option_as_before() =>
        Assert.Equal(
            string.Join('\n', "Verify a smartphone's JPKI offline over the PN532 (auth PIN → certificate chain → key challenge); proves key possession, not name, address or face.", LinkOptions, """
            --trust |  | Extra trust anchors (JSON, each with a role; JPKI roots as jpki-auth). | - | FileInfo | optional
            --allow-test-anchors |  | Accept test-hierarchy anchors (JPKI-TEST roots, entries marked test). | False | Boolean | optional
            --pin-stdin |  | Read the 4-digit authentication PIN from standard input (required: a PIN is never taken from argv). | False | Boolean | optional
            --floor |  | Refuse to VERIFY when this many tries or fewer remain (at least 1). | 2 | Int32 | optional
            --allow-last-try |  | Explicitly allow spending the last try (staffed counter only). | False | Boolean | optional
            --card-wait |  | Seconds to wait for a phone in the field. | 10 | Double | optional
            --deadline |  | Seconds for the whole tap. | 60 | Double | optional
            --json |  | Print the JSON report instead of text. | False | Boolean | optional
            """),
            Render("phone"));
}
