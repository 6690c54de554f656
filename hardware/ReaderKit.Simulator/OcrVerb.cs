using System.CommandLine;
using System.Globalization;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Simulator;

/// <summary>
/// <c>ocr --persona NAME</c>: what a kiosk's card-face scanner reads from the persona's printed card — birth date
/// (Gregorian), expiry year and the 4-digit security code — as one line <c>YYYY-MM-DD EXPIRY CODE</c>, the format
/// `readerkit verify --number-b-stdin` takes. Test data of virtual cards, not real secrets.
/// </summary>
internal sealed class OcrVerb : ISimulatorVerb
{
    public Command Build()
    {
        var persona = new Option<string>("--persona") { Description = "Persona name (see `personas`).", DefaultValueFactory = _ => PersonaCatalog.DefaultName };
        var command = new Command("ocr", "Print the card-face values a kiosk scanner would read (birth date, expiry year, security code).") { persona };
        command.SetAction(parse =>
        {
            if (!PersonaCatalog.TryGet(parse.GetValue(persona)!, out var p))
            {
                Console.Error.WriteLine($"ocr: unknown persona '{parse.GetValue(persona)}' (see `personas`).");
                return 2;
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Holder.DateOfBirth:yyyy-MM-dd} {p.ExpiryDate.Year} {p.SecurityCode}"));
            return 0;
        });
        return command;
    }
}
