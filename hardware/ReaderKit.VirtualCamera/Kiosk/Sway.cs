namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>How far each sway component walks per frame (uniform in ±step/2) and its bound (±limit): pixels and degrees.</summary>
internal readonly record struct Sway(double ShiftX, double LimitX, double ShiftY, double LimitY, double Roll, double LimitRoll, double Pitch, double LimitPitch);
