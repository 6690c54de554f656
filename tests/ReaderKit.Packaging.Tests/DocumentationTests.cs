using System.Text.Json;
using System.Text.RegularExpressions;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Tools;

namespace ReaderKit.Packaging.Tests;

/// <summary>The guides agree with what the package installs.</summary>
[Collection(PackagesCollection.Name)]
public sealed partial class DocumentationTests(PackageFixture packages)
{
    private static string Read(string name) => File.ReadAllText(Path.Combine(RepoPaths.Docs, name));

    [Fact]
    public void Wiring_guide_pins_are_the_arm64_package_defaults()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(packages.Tree("arm64"), "etc", "readerkit", "appsettings.json")));
        var wiring = Read("wiring.md");
        var indicator = doc.RootElement.GetProperty("Indicator");
        foreach (var key in new[] { "GreenPin", "AmberPin", "RedPin", "BuzzerPin" })
        {
            var pin = indicator.GetProperty(key).GetInt32();
            Assert.Matches($@"\| GPIO{pin} \| `Indicator:{key}` = {pin} \|", wiring);
        }

        var powerFail = doc.RootElement.GetProperty("Outage").GetProperty("PowerFailPin").GetInt32();
        Assert.Matches($@"\| GPIO{powerFail} \| `Outage:PowerFailPin` = {powerFail},", wiring);

        // The pins the guide assigns do not collide with the PN532 on any interface, nor with each other.
        var used = new[] { "GreenPin", "AmberPin", "RedPin", "BuzzerPin" }.Select(k => indicator.GetProperty(k).GetInt32()).Append(powerFail).ToList();
        Assert.Equal(used.Count, used.Distinct().Count());
        Assert.Empty(used.Intersect([2, 3, 7, 8, 9, 10, 11, 14, 15]));

        // The keys exist on the host's options types (a renamed option would silently stop applying).
        Assert.NotNull(typeof(IndicatorOptions).GetProperty("GreenPin"));
        Assert.NotNull(typeof(OutageOptions).GetProperty("PowerFailPin"));
    }

    [Fact]
    public void Install_guide_is_bilingual_around_the_two_commands_and_every_doctor_check()
    {
        var guide = Read("install.md");
        var ja = guide.IndexOf("## 日本語", StringComparison.Ordinal);
        var en = guide.IndexOf("## English", StringComparison.Ordinal);
        Assert.True(en >= 0 && ja > en, "English then 日本語 sections");
        var english = guide[en..ja];
        var japanese = guide[ja..];
        Assert.True(JapaneseRegex().Count(japanese) > 1000, "the Japanese section is mostly not Japanese");
        Assert.True(JapaneseRegex().Count(english) < 50, "the English section is mixed with Japanese");

        const string install = "sudo apt install ./readerkit_";
        const string doctor = "sudo readerkit doctor";
        foreach (var part in new[] { english, japanese })
        {
            Assert.Contains(install, part, StringComparison.Ordinal);
            Assert.Contains(doctor, part, StringComparison.Ordinal);
            // The exit codes the unit refuses to restart on are explained.
            foreach (var code in new[] { "| 78 |", "| 73 |", "| 65 |" })
            {
                Assert.Contains(code, part, StringComparison.Ordinal);
            }
        }

        var settings = new HostSettings(new ReaderOptions(), new JournalOptions(), new OutageOptions(), new IndicatorOptions());
        var names = DoctorTool.Checks(settings, null, null, TimeProvider.System).Select(c => c.Name).ToList();
        Assert.Equal(7, names.Count);
        foreach (var name in names)
        {
            Assert.Contains($"| `{name}` |", english, StringComparison.Ordinal);
            Assert.Contains($"| `{name}` |", japanese, StringComparison.Ordinal);
        }

        // The guide names the version the packaging builds by default.
        var version = File.ReadAllText(Path.Combine(RepoPaths.Packaging, "VERSION")).Trim();
        Assert.Contains($"readerkit_{version}_arm64.deb", guide, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[\u3040-\u30ff\u4e00-\u9fff]")]
    private static partial Regex JapaneseRegex();
}
