using System.CommandLine;

namespace ReaderKit.Simulator;

/// <summary>One verb of ReaderKit.Simulator.</summary>
internal interface ISimulatorVerb
{
    Command Build();
}

internal static class SimulatorVerbs
{
    public static IEnumerable<ISimulatorVerb> All() =>
        typeof(SimulatorVerbs).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISimulatorVerb).IsAssignableFrom(t))
            .Select(t => (ISimulatorVerb)Activator.CreateInstance(t)!)
            .OrderBy(c => c.GetType().Name, StringComparer.Ordinal);
}
