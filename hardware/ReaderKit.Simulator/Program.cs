using System.CommandLine;
using ReaderKit.Simulator;

// ReaderKit.Simulator: the simulated world (PN532 emulator + virtual My Number Card) for integrators.
// Each verb is an ISimulatorVerb in its own file.
var root = new RootCommand("ReaderKit simulator — PN532 emulator and virtual My Number Cards.");
foreach (var verb in SimulatorVerbs.All())
{
    root.Subcommands.Add(verb.Build());
}

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
