using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace ReaderKit.Sdk.Tests;

/// <summary><c>dotnet pack</c> of the SDK and the two libraries under it (built already: <c>--no-build</c>) gives installable packages.</summary>
public sealed class NuGetPackageTests : IDisposable
{
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("rk-pack-");

    public void Dispose() => _out.Delete(recursive: true);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReaderKit.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ReaderKit.sln not found above " + AppContext.BaseDirectory);
    }

    private async Task<(XElement Metadata, List<string> Entries)> PackAsync(string project, string id)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "pack", Path.Combine(RepoRoot(), project), "-c", "Release", "--no-build", "-nologo", "-o", _out.FullName, "-p:NuspecOutputPath=" + Path.Combine(_out.FullName, "nuspec", id) })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"dotnet pack {project} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");

        using var zip = ZipFile.OpenRead(Path.Combine(_out.FullName, id + ".1.0.0.nupkg"));
        using var nuspec = zip.GetEntry(id + ".nuspec")!.Open();
        var doc = XDocument.Load(nuspec);
        var metadata = doc.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return (metadata, zip.Entries.Select(e => e.FullName).ToList());
    }

    private static List<(string Id, string Version)> Dependencies(XElement metadata) =>
        [.. metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!))];

    [Fact]
    public async Task The_sdk_packs_with_its_xml_docs_readme_and_the_protocol_package_as_its_dependency()
    {
        var (sdk, entries) = await PackAsync("sdk/ReaderKit.Sdk/ReaderKit.Sdk.csproj", "ReaderKit.Sdk");
        Assert.Contains("lib/net10.0/ReaderKit.Sdk.dll", entries);
        Assert.Contains("lib/net10.0/ReaderKit.Sdk.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.Equal([("ReaderKit.Protocol", "1.0.0")], Dependencies(sdk));
        Assert.Contains("IAsyncEnumerable", sdk.Elements().Single(e => e.Name.LocalName == "description").Value, StringComparison.Ordinal);

        var (protocol, protocolEntries) = await PackAsync("sdk/ReaderKit.Protocol/ReaderKit.Protocol.csproj", "ReaderKit.Protocol");
        Assert.Contains("lib/net10.0/ReaderKit.Protocol.xml", protocolEntries);
        Assert.Equal([("MessagePack", "2.5.307"), ("ReaderKit.Contracts", "1.0.0")], Dependencies(protocol).Order().ToList());

        var (contracts, contractEntries) = await PackAsync("sdk/ReaderKit.Contracts/ReaderKit.Contracts.csproj", "ReaderKit.Contracts");
        Assert.Contains("lib/net10.0/ReaderKit.Contracts.dll", contractEntries);
        Assert.Empty(Dependencies(contracts));
    }

    [Fact]
    public void Every_public_member_of_the_sdk_is_documented_in_its_xml_file()
    {
        // CS1591 is an error in the three sdk projects; this pins that the XML file the package ships covers the API.
        var xml = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "ReaderKit.Sdk.xml"));
        var documented = xml.Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var types = typeof(ReaderKitClient).Assembly.GetExportedTypes();
        Assert.All(types, t => Assert.Contains("T:" + t.FullName, documented));
        var methods = typeof(ReaderKitClient).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName).Select(m => m.Name).Distinct();
        Assert.All(methods, name => Assert.Contains(documented, d => d.StartsWith("M:ReaderKit.Sdk.ReaderKitClient." + name, StringComparison.Ordinal)));
    }
}
