using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Landmarks;

/// <summary>Crop fed to FaceMesh: centre and side of the square in source pixels and its rotation (radians, image y down).</summary>
public readonly record struct FaceMeshCrop(Point2 Center, double Side, double RotationRadians);
