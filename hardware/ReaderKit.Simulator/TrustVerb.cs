using System.CommandLine;
using ReaderKit.VirtualCard.Crypto;

namespace ReaderKit.Simulator;

/// <summary>
/// `trust --out FILE`: writes the simulated cards' test CA keys and JPKI roots in ReaderKit's trust-file format, each
/// with its role and marked as a test anchor, so `readerkit verify --trust FILE --allow-test-anchors` accepts simulated
/// cards — and without `--allow-test-anchors` refuses them, as it refuses any test card. Test keys are never built in.
/// </summary>
internal sealed class TrustVerb : ISimulatorVerb
{
    public Command Build()
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the trust-store JSON.", Required = true };
        var command = new Command("trust", "Write the simulated cards' test trust anchors (CVC issuer keys and JPKI roots, with roles, marked as test anchors) as a trust file; readerkit needs --allow-test-anchors to use it.");
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            TestPki.Default.WriteTrustJson(file.FullName);
            Console.Out.WriteLine($"trust: {file.FullName} (test anchors: use with --allow-test-anchors)");
            return 0;
        });
        return command;
    }
}
