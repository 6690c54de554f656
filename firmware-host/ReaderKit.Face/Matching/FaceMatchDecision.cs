using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Matching;

/// <summary>Result of a 1:1 comparison.</summary>
public enum FaceMatchDecision
{
    /// <summary>Both faces usable and the score reached the threshold.</summary>
    Match,

    /// <summary>Both faces usable and the score stayed below the threshold.</summary>
    NoMatch,

    /// <summary>The enrolment (chip) photo has no usable face; see <see cref="FaceMatchResult.Enrolment"/>.</summary>
    EnrolmentUnusable,

    /// <summary>The live frame failed a quality gate; see <see cref="FaceMatchResult.Live"/> (ask for another capture).</summary>
    LiveUnusable,
}
