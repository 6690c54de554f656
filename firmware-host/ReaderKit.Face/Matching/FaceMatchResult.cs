using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Matching;

/// <summary>A 1:1 comparison result; <see cref="Score"/> is the configured descriptors' score (<see cref="Embedding.DescriptorFusion"/>) when both sides were usable.</summary>
public sealed record FaceMatchResult(FaceMatchDecision Decision, double? Score, double Threshold, FaceAnalysis Enrolment, FaceAnalysis Live);
