using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>The signed card-face fields (interpreted after DF28 verified).</summary>
public sealed record CardFace(
    DateOnly BirthDate,
    Sex Sex,
    byte[] CardKeyField,
    byte[] NameImagePng,
    byte[] AddressImagePng,
    byte[] PhotoJpeg2000);
