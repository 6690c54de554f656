using ReaderKit.Host.Messages;

namespace ReaderKit.Host.Reader;

/// <summary>One progress report from the tap library: a finished step, or a prompt for the holder (face challenge).</summary>
/// <param name="Step">The step reached.</param>
/// <param name="Prompt">A prompt to show now, or null.</param>
public sealed record TapProgress(ProgressStep Step, PromptKind? Prompt = null);
