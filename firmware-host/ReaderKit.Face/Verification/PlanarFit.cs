namespace ReaderKit.Face.Verification;

/// <summary>
/// One homography fit between two FaceMesh views (<see cref="PlanarMotion.Measure"/>): <see cref="Residual"/> = RMS landmark error
/// left after the fit, in eye distances (parallax: large for a head, landmark noise for a sheet); <see cref="Anisotropy"/> = how
/// strongly the fitted mapping foreshortens one direction at the face centre (≈ 1/cos θ − 1 for a rotation θ out of the image plane).
/// </summary>
public readonly record struct PlanarFit(double Residual, double Anisotropy);
