using System.CommandLine;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Simulator;

/// <summary>
/// <c>personas</c>: lists the virtual cards' personas with their 照合番号B (test data, not real secrets) and card model, then the
/// card profiles (<c>vpcd --profile</c>) with their ATRs.
/// </summary>
internal sealed class PersonasVerb : ISimulatorVerb
{
    public Command Build()
    {
        var command = new Command("personas", "List the virtual My Number Card personas (name, 照合番号B, card profile, description), the smartphone personas (auth PIN) and the card profiles.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"{"NAME",-18} {"照合番号B",-14}  {"ALG",-9} {"PROFILE",-18} DESCRIPTION");
            foreach (var persona in PersonaCatalog.All)
            {
                Console.WriteLine($"{persona.Name,-18} {persona.VerificationNumberB,-14}  {(persona.Algorithm == VirtualCard.Crypto.CardKeyAlgorithm.Rsa2048 ? "RSA-2048" : "ECDSA-384"),-9} {persona.Profile.Name,-18} {persona.Description}");
            }

            Console.WriteLine();
            Console.WriteLine($"{"PHONE",-18} {"AUTH PIN",-14}  {"TYPE",-9} {"PROFILE",-18} DESCRIPTION");
            foreach (var phone in PersonaCatalog.Phones)
            {
                Console.WriteLine($"{phone.Name,-18} {phone.AuthPin,-14}  {"Type A",-9} {phone.Profile.Name,-18} {phone.Description}");
            }

            Console.WriteLine();
            Console.WriteLine($"{"PROFILE",-18} {"ATR",-26} {"FWI",3} {"EXT",3}  DESCRIPTION");
            foreach (var profile in VirtualCard.Profiles.CardProfile.All)
            {
                var atr = Convert.ToHexString(profile.TypeA is { } a ? a.PseudoAtr() : profile.Contactless.PseudoAtr(0));
                Console.WriteLine($"{profile.Name,-18} {atr,-26} {profile.TypeA?.Fwi ?? profile.Contactless.Fwi,3} {(profile.ExtendedLength ? "yes" : "no"),3}  {profile.Description}");
            }

            return 0;
        });
        return command;
    }
}
