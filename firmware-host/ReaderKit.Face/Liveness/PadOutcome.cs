using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>Overall verdict of a presentation-attack check.</summary>
public enum PadOutcome
{
    /// <summary>No attack indicated by this check.</summary>
    BonaFide,

    /// <summary>The check indicates a presentation attack.</summary>
    Attack,

    /// <summary>The check could not decide (too few frames, face lost, sensor absent): retry or fall back to staff/PIN.</summary>
    Inconclusive,
}
