using System.CommandLine;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Simulator;

/// <summary><c>personas</c>: lists the virtual cards' personas with their 照合番号B (test data, not real secrets).</summary>
internal sealed class PersonasVerb : ISimulatorVerb
{
    public Command Build()
    {
        var command = new Command("personas", "List the virtual My Number Card personas (name, 照合番号B, description).");
        command.SetAction(_ =>
        {
            Console.WriteLine($"{"NAME",-18} {"照合番号B",-14}  {"ALG",-9} DESCRIPTION");
            foreach (var persona in PersonaCatalog.All)
            {
                Console.WriteLine($"{persona.Name,-18} {persona.VerificationNumberB,-14}  {(persona.Algorithm == VirtualCard.Crypto.CardKeyAlgorithm.Rsa2048 ? "RSA-2048" : "ECDSA-384"),-9} {persona.Description}");
            }

            return 0;
        });
        return command;
    }
}
