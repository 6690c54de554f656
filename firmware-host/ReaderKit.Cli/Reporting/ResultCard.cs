using System.Globalization;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Cli.Reporting;

/// <summary>
/// What one tap's result card shows (<see cref="ResultCardRenderer"/> draws it): the verified chip photo beside the live
/// frame the face match scored best, the verdict, the score against the threshold, each check with PASS/FAIL, and the
/// reader's mode. <see cref="Lines"/> is exactly the text drawn, so tests read the card's text from here rather than by
/// OCR. Images are the bytes the SDK returned (JPEG 2000 chip photo, JPEG live frame); either may be absent (a clone
/// whose photo never verified, a tap without a usable face), and the card says so in that half.
/// </summary>
internal sealed record ResultCard
{
    /// <summary>The tap's title (which card, what the camera saw).</summary>
    public required string Title { get; init; }

    /// <summary>The verdict, e.g. <c>Accepted</c>.</summary>
    public required VerdictKind Verdict { get; init; }

    /// <summary>The error name when not accepted, or null.</summary>
    public string? Error { get; init; }

    /// <summary>The face decision (<c>matched</c>, <c>attackSuspected</c> …), or null when the face was not checked.</summary>
    public string? FaceDecision { get; init; }

    /// <summary>The best match score, when a live face was compared.</summary>
    public double? Score { get; init; }

    /// <summary>The threshold the score was held against.</summary>
    public double? Threshold { get; init; }

    /// <summary>The reader's mode for the tap (<c>online</c>, <c>offline</c>, <c>unknown</c>).</summary>
    public required string Mode { get; init; }

    /// <summary>The journal record id, or null.</summary>
    public string? RecordId { get; init; }

    /// <summary>Every check line of the result.</summary>
    public IReadOnlyList<CheckLine> Checks { get; init; } = [];

    /// <summary>The verified chip photo (JPEG 2000), or null.</summary>
    public byte[]? ChipPhotoJpeg2000 { get; init; }

    /// <summary>The best live frame (JPEG), or null.</summary>
    public byte[]? LiveFrameJpeg { get; init; }

    /// <summary>The card of one SDK result.</summary>
    public static ResultCard From(string title, TapResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ResultCard
        {
            Title = title,
            Verdict = result.Verdict,
            Error = result.Error?.Name,
            FaceDecision = result.Face?.Decision,
            Score = result.Face?.Score,
            Threshold = result.Face?.Threshold,
            Mode = result.Mode,
            RecordId = result.RecordId,
            Checks = result.Checks,
            ChipPhotoJpeg2000 = result.Fields?.Photo,
            LiveFrameJpeg = result.Fields?.LiveFrame,
        };
    }

    /// <summary>The headline: verdict and, when not accepted, why.</summary>
    public string VerdictLine => Error is null ? $"Verdict: {Verdict}" : $"Verdict: {Verdict} ({Error})";

    /// <summary>The score against the threshold, or why there is none.</summary>
    public string ScoreLine => FaceDecision is null
        ? "Face: not checked"
        : string.Create(CultureInfo.InvariantCulture, $"Face: {FaceDecision}, score {(Score is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")} against threshold {(Threshold is { } t ? t.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")}");

    /// <summary>The mode line.</summary>
    public string ModeLine => $"Mode: {Mode}; journal record {RecordId ?? "-"}";

    /// <summary>One line per check: <c>PASS name: reason</c>.</summary>
    public IEnumerable<string> CheckLines => Checks.Select(c => $"{c.StatusWord} {c.Name}: {c.Reason}");

    /// <summary>Every line of text the card draws, in order.</summary>
    public IReadOnlyList<string> Lines => [Title, VerdictLine, ScoreLine, ModeLine, .. CheckLines];
}
