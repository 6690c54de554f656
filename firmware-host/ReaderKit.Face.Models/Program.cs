// ReaderKit.Face.Models: converts the pinned TF.js face models (npm) to ONNX at build time.
// The conversion verbs land with the face issue; until then this tool only reports its usage.
Console.Error.WriteLine("usage: ReaderKit.Face.Models <verb>  (conversion verbs are added by the face pipeline work)");
return 2;
