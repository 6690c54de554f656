using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Alignment;

/// <summary>An aligned face chip and the transform from chip pixels to source pixels.</summary>
public sealed record AlignedFace(FaceImage Chip, SimilarityTransform ChipToSource);
