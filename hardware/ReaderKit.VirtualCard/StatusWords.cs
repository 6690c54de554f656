namespace ReaderKit.VirtualCard;

/// <summary>The status words the virtual card answers with (ISO 7816-4 / JICSAP).</summary>
public static class StatusWords
{
    /// <summary>Success.</summary>
    public const ushort Ok = 0x9000;

    /// <summary>Verification failed / tries query: 63Cx with x tries left (OR the count in).</summary>
    public const ushort RetryCounterBase = 0x63C0;

    /// <summary>SET SESSION KEY where no key delivery is configured ("the security environment itself is faulty").</summary>
    public const ushort SecurityEnvironmentFaulty = 0x66F1;

    /// <summary>Wrong length (Lc/Le missing or inconsistent).</summary>
    public const ushort WrongLength = 0x6700;

    /// <summary>Access with the specified logical channel number not provided (only the basic channel exists).</summary>
    public const ushort LogicalChannelNotSupported = 0x6881;

    /// <summary>Secure messaging feature not provided (SELECT under an SM class byte outside a session).</summary>
    public const ushort SecureMessagingNotSupported = 0x6882;

    /// <summary>Command incompatible with the file structure (e.g. READ BINARY on a record EF).</summary>
    public const ushort IncompatibleFileStructure = 0x6981;

    /// <summary>Security status not satisfied.</summary>
    public const ushort SecurityStatusNotSatisfied = 0x6982;

    /// <summary>Authentication method blocked / reference data not usable.</summary>
    public const ushort AuthenticationBlocked = 0x6984;

    /// <summary>Conditions of use not satisfied (e.g. changing a 照合番号).</summary>
    public const ushort ConditionsNotSatisfied = 0x6985;

    /// <summary>No data object for secure messaging (CLA 0C in a session without a CCS key).</summary>
    public const ushort SecureMessagingDataObjectMissing = 0x6987;

    /// <summary>Secure-messaging data objects incorrect (wrong object, or a cryptogram that does not unpad); ends the session.</summary>
    public const ushort SecureMessagingCryptogramIncorrect = 0x6988;

    /// <summary>No valid secure-messaging session (READ BINARY / VERIFY under an SM class byte outside or after a session).</summary>
    public const ushort SecureMessagingSessionInvalid = 0x69FC;

    /// <summary>Incorrect data in the command (e.g. a new PIN of the wrong form).</summary>
    public const ushort IncorrectData = 0x6A80;

    /// <summary>Command not allowed (no current EF).</summary>
    public const ushort NoCurrentEf = 0x6986;

    /// <summary>Function not supported.</summary>
    public const ushort FunctionNotSupported = 0x6A81;

    /// <summary>File or application not found.</summary>
    public const ushort FileNotFound = 0x6A82;

    /// <summary>Record not found.</summary>
    public const ushort RecordNotFound = 0x6A83;

    /// <summary>Incorrect P1/P2.</summary>
    public const ushort IncorrectP1P2 = 0x6A86;

    /// <summary>Referenced data (key, data object) not found.</summary>
    public const ushort ReferencedDataNotFound = 0x6A88;

    /// <summary>Offset outside the EF.</summary>
    public const ushort WrongOffset = 0x6B00;

    /// <summary>Instruction not supported.</summary>
    public const ushort InstructionNotSupported = 0x6D00;

    /// <summary>Class not supported.</summary>
    public const ushort ClassNotSupported = 0x6E00;

    /// <summary>Internal error (never expected; answered instead of throwing).</summary>
    public const ushort NoPreciseDiagnosis = 0x6F00;
}
