using System.CommandLine;
using ReaderKit.VirtualCard.Crypto;

namespace ReaderKit.Simulator;

/// <summary>
/// `trust --out FILE`: writes the simulated cards' test CA keys and JPKI roots in ReaderKit's trust-store JSON format,
/// so `readerkit --trust FILE` accepts simulated cards. Production trust is built in; test keys never are.
/// </summary>
internal sealed class TrustVerb : ISimulatorVerb
{
    public Command Build()
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the trust-store JSON.", Required = true };
        var command = new Command("trust", "Write the simulated cards' test trust anchors (CVC issuer keys, JPKI roots) as trust-store JSON.");
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            TestPki.Default.WriteTrustJson(file.FullName);
            Console.Out.WriteLine($"trust: {file.FullName}");
            return 0;
        });
        return command;
    }
}
