namespace ReaderKit.Trust;

/// <summary>
/// Production trust anchors compiled in. PUBLIC DATA ONLY, copied as data (hex / base64), never code.
/// Provenance is [U]: neither source says where J-LIS publishes the CVC keys; confirm with J-LIS before a
/// production deployment. See README.md (key provenance) for the cross-checks done.
/// </summary>
internal static class ProductionTrustAnchors
{
    /// <summary>
    /// J-LIS CVC issuer keys (RSA-2048, e = 65537) with the card application each may certify. The roles follow the
    /// reference (mynumber-card.md §5.1: 5000023 surface AP, 5000033 text AP, 5000020 MF chain) and both sources' labels;
    /// J-LIS has not confirmed them [U]. To correct a role or add a rotated key, edit this table (or add a trust-file entry).
    /// 5000023 (surface AP) and 5000033 (text AP): hebingchang/pymyna myna/utils/constants.py
    /// (commit 019b3c5b, SubjectPublicKeyInfo base64) and soltia48/myna-card src/ca.rs (commit 4c210ac1) —
    /// moduli compared byte for byte and identical.
    /// 5000020 (MF chain; key id padding byte A8): soltia48/myna-card src/ca.rs only (single source [R]).
    /// </summary>
    public static readonly (string KeyIdHex, TrustAnchorRole Role, string ModulusHex, string Source)[] CvcIssuerKeys =
    [
        (
            "353030303032300805303031000000A8",
            TrustAnchorRole.MfChain,
            "B62D081145D34ACEB022BC2F0A08D8B390E42FFEEEC93472F675EC33507BBCE982C22F33B7304CF17639CE75A1D0FD1E"
            + "75FFAD86B0D72CCCF0D0B05136DDB7261400C0160C713872E1E83C48A2A00818147FEFBF0B09F643EE4B328419E87637"
            + "67ADBEAEBA88D49C3B44A5B8F8AD794FCF64A4161A9FE8B97660FCA4694114594D4B8498FE1E52502086ABC1B0EDA004"
            + "D39D95193B4031AB0C516008BBAFFC49AC6A2EBE544EF49EA3B790CD13F133896DF8DA63E15CE8AC0DC276F76F080B72"
            + "3E6648F10A6FB7B08E5C69DCDFADD52F7B5B6D1740CF8E356BC685B31D7C455680CD95D3B4B20EA8094F00660AE774EE"
            + "BAB2875487A1210CA87221A0B63A3E83",
            "soltia48/myna-card src/ca.rs (single source) [U]"),
        (
            "35303030303233080530303100000000",
            TrustAnchorRole.SurfaceApCvcIssuer,
            "B2F740F0AD86D17CF3F537D23B4B3C65A3CB58474D857F55D0B9BC0411B1CB0849068DE332A50D63B3E6921C9CCBE615"
            + "6496EFB04BE8FFCC74FDE9A228A36AD7EDCE9793204E35973DC911108365002C40169E0B60018DFB99E1E2310D9A110F"
            + "F0FC269F1F220C63B8A1510DE5A6898220C78908FC280D8AA95D5D113B7CF00700F3FF5AD8B3D6AD2EB53C7D563498B4"
            + "A938DEFFC9BDA32BF4146C1B07EF870D99EB35DE5D70AC18715874277A13151D217D04D42E97923923A40FBC7D06FAA8"
            + "338CCBE876620F9B8EF4471CD4B9E29D4EA621E0FB8F1DC04B487210097DBAAF3D8E0550C76A5B97CF202FA47C7A2622"
            + "F1C084E65C13D13B8E7AB226F5F51F87",
            "hebingchang/pymyna myna/utils/constants.py = soltia48/myna-card src/ca.rs [U]"),
        (
            "35303030303333080530303100000000",
            TrustAnchorRole.TextApCvcIssuer,
            "D24615F63525E740C87E83ED64787E76D10A1F8652EBE1EA28934D35CE3BF07716F5B79E2BCB2AE2B91B4F4C9FFB6024"
            + "97F596D659AF9D0A14B45CDD738EF56249349B8CC7DB32F2D433BD39BCC44F503E881D56C149ECD5155C1CE7461FC3AC"
            + "4F55D0A39CCAAADFAE5B8AFA11CCF91BEDC774023D11CA6EBA99004F81C541A7D67DDED8C724D6E20B10A3DEAAE8C43C"
            + "137CCD71B263740E8979752DE4D5676329CABCBD7F3A77FC48A6F8E61D399B4AC66684A9FDFC99ECEF900DD6FF7F0FDD"
            + "39E23D163F8A468C62DBEAE00906DFAD5A89B45CA5B7353DC998A80D3803EDA794B55F99F535D1C39A243C8352AD602D"
            + "926C389D2816C941349EE24E4F41597F",
            "hebingchang/pymyna myna/utils/constants.py = soltia48/myna-card src/ca.rs [U]"),
    ];

    /// <summary>
    /// JPKI root CA certificates (DER, base64). Source: jpki/myna src/ta/*.pem (commit f85dc71); serial numbers
    /// and validity agree with soltia48/myna-card certs/README.md (J-LIS download page jpki.go.jp/ca).
    /// Generation 2 (2019-09-14..2029-09-14, authca02/signca02) could not be obtained as published text and is NOT built
    /// in: a card whose certificate chains to it gets an advisory (WARN), never a rejection. Add it through the trust file
    /// (role jpki-auth / jpki-sign).
    /// </summary>
    public static readonly (TrustAnchorRole Role, string Name, string DerBase64)[] JpkiRoots =
    [
        (
            TrustAnchorRole.JpkiAuthRoot,
            "JPKI user authentication CA, generation 1 (2015-10-20..2025-10-19)",
            "MIIFIDCCBAigAwIBAgIBATANBgkqhkiG9w0BAQsFADCBgjELMAkGA1UEBhMCSlAxDTALBgNVBAoMBEpQS0kxJTAjBgNVBAsM"
            + "HEpQS0kgZm9yIHVzZXIgYXV0aGVudGljYXRpb24xPTA7BgNVBAsMNEphcGFuIEFnZW5jeSBmb3IgTG9jYWwgQXV0aG9yaXR5"
            + "IEluZm9ybWF0aW9uIFN5c3RlbXMwHhcNMTUxMDIwMDMwODEzWhcNMjUxMDE5MTQ1OTU5WjCBgjELMAkGA1UEBhMCSlAxDTAL"
            + "BgNVBAoMBEpQS0kxJTAjBgNVBAsMHEpQS0kgZm9yIHVzZXIgYXV0aGVudGljYXRpb24xPTA7BgNVBAsMNEphcGFuIEFnZW5j"
            + "eSBmb3IgTG9jYWwgQXV0aG9yaXR5IEluZm9ybWF0aW9uIFN5c3RlbXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIB"
            + "AQDErMrTwOIy0V7LHYCBttzaAqhetfooJf8F0YMSGVIBnZDzxKz4toNDWY4mN935Uo9saPTsTtsIRed5azFAekE3VhTKSrfh"
            + "A39uGssJBUEifqxay3WY8XiAIPE5jB5B8Gc6Ked9GvmzwA7TVNxg5M9q5I0+gxtJ2ocqMWOI7A8tfL2UpwOqyVYKRZVXjKIk"
            + "BPIbYrNLdZrAki3FsCCyl7rR47NOt3sLZW1oz2fxJUZubD7oAXzKmZhofU9z3KQG6dgTaNzOpnPKhnxbTwXM68zQW52H8oki"
            + "r/6gJ23gAr+fR8Z+IMuKkCj7df+7Lv+ab/3ZIncb01+QL5XEgHs7RLrHAgMBAAGjggGdMIIBmTAOBgNVHQ8BAf8EBAMCAQYw"
            + "gbcGA1UdEQSBrzCBrKSBqTCBpjELMAkGA1UEBhMCSlAxJzAlBgNVBAoMHuWFrOeahOWAi+S6uuiqjeiovOOCteODvOODk+OC"
            + "uTE5MDcGA1UECwww5YWs55qE5YCL5Lq66KqN6Ki844K144O844OT44K55Yip55So6ICF6Ki85piO55SoMTMwMQYDVQQLDCrl"
            + "nLDmlrnlhazlhbHlm6PkvZPmg4XloLHjgrfjgrnjg4bjg6DmqZ/mp4swDwYDVR0TAQH/BAUwAwEB/zCBnAYDVR0fBIGUMIGR"
            + "MIGOoIGLoIGIpIGFMIGCMQswCQYDVQQGEwJKUDENMAsGA1UECgwESlBLSTElMCMGA1UECwwcSlBLSSBmb3IgdXNlciBhdXRo"
            + "ZW50aWNhdGlvbjE9MDsGA1UECww0SmFwYW4gQWdlbmN5IGZvciBMb2NhbCBBdXRob3JpdHkgSW5mb3JtYXRpb24gU3lzdGVt"
            + "czAdBgNVHQ4EFgQUlWeVG1ynDYSg//HYWofxqrE0A4UwDQYJKoZIhvcNAQELBQADggEBACJnlGS30OV191IiCvFKB2tGFS1C"
            + "zn56eV4COTzlNr+Ghona96bCy6bCdQvcRrbOMFK/S71umIO9ITR/eYUHhyt5aJv8wljNGctDUzvOzFvwkDs2HOLfv8n+/L8I"
            + "6rRwIozyY58lUzcIFqe/gx0lLupQ9QsM+X/wiA+6oSyV8/yrM+c7aoGKRSQ/PFFV1nVTS7G6VYDrKOMKsvrh4b5buK3JPk7h"
            + "c7AqRMx4lFzyJg+tq6Qy62aL4lCoIqKfmPfp4+GManEfCsDi1JSYpauPmpFMCLM0B8urUUlfDS5W4rtH23D3wcUh1LVI8kMY"
            + "nyc4mpKoe5eoqG8eCWkd0lz1ms4="),
        (
            TrustAnchorRole.JpkiAuthRoot,
            "JPKI user authentication CA, generation 3 (2023-07-16..2033-07-15)",
            "MIIFIzCCBAugAwIBAgIEBtGABjANBgkqhkiG9w0BAQsFADCBgjELMAkGA1UEBhMCSlAxDTALBgNVBAoMBEpQS0kxJTAjBgNV"
            + "BAsMHEpQS0kgZm9yIHVzZXIgYXV0aGVudGljYXRpb24xPTA7BgNVBAsMNEphcGFuIEFnZW5jeSBmb3IgTG9jYWwgQXV0aG9y"
            + "aXR5IEluZm9ybWF0aW9uIFN5c3RlbXMwHhcNMjMwNzE2MDEwMTA0WhcNMzMwNzE1MTQ1OTU5WjCBgjELMAkGA1UEBhMCSlAx"
            + "DTALBgNVBAoMBEpQS0kxJTAjBgNVBAsMHEpQS0kgZm9yIHVzZXIgYXV0aGVudGljYXRpb24xPTA7BgNVBAsMNEphcGFuIEFn"
            + "ZW5jeSBmb3IgTG9jYWwgQXV0aG9yaXR5IEluZm9ybWF0aW9uIFN5c3RlbXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK"
            + "AoIBAQDdxNt+xeqB9O50CBx2IjT3ffw8G/wOfwQJ2RfPHTuwBoudurxDlvqX5MPWlZpFaKNpbY0oWjOsA4BuLW40bS6BW+zm"
            + "dvYIZvtuxKuy5U613FGV0UbM7UT2s4Z/Wk4QJ+B6sFQnnoQlyzbDL3x70GQ+oQMo8To0sFbqoRWUQAu3QoDUNb/H0/k8PxZw"
            + "htUYY2q5kaNbtlI4q+0u+qnQXizXOPx1PJEvPsv0EQyE0+7aiSZ5kdiuDvZ9VdUXqiJHUnEljCYFRRiRJ4LlugEGwqMVWr0v"
            + "U+2UTg+K4vT6ESYxjTAfjgNlR1kWPEs/1UEblqfrJQo/25rTxoQd4/WXyJofAgMBAAGjggGdMIIBmTAOBgNVHQ8BAf8EBAMC"
            + "AQYwgbcGA1UdEQSBrzCBrKSBqTCBpjELMAkGA1UEBhMCSlAxJzAlBgNVBAoMHuWFrOeahOWAi+S6uuiqjeiovOOCteODvOOD"
            + "k+OCuTE5MDcGA1UECwww5YWs55qE5YCL5Lq66KqN6Ki844K144O844OT44K55Yip55So6ICF6Ki85piO55SoMTMwMQYDVQQL"
            + "DCrlnLDmlrnlhazlhbHlm6PkvZPmg4XloLHjgrfjgrnjg4bjg6DmqZ/mp4swDwYDVR0TAQH/BAUwAwEB/zCBnAYDVR0fBIGU"
            + "MIGRMIGOoIGLoIGIpIGFMIGCMQswCQYDVQQGEwJKUDENMAsGA1UECgwESlBLSTElMCMGA1UECwwcSlBLSSBmb3IgdXNlciBh"
            + "dXRoZW50aWNhdGlvbjE9MDsGA1UECww0SmFwYW4gQWdlbmN5IGZvciBMb2NhbCBBdXRob3JpdHkgSW5mb3JtYXRpb24gU3lz"
            + "dGVtczAdBgNVHQ4EFgQUGsEA9ZajvIxLPfGV4yaZJJ6eMIowDQYJKoZIhvcNAQELBQADggEBAHB2MubK1YUwFd6zUQrinYXd"
            + "kbXKGcm7X7Wfe8bRkxr6PGDeQgWjggCJ44HrU8UZPAec7oCzqey0wQTqziBVjyd98ntWlVV5SrgXeaWbfgI51MgWs5j3a8hr"
            + "CPAwwcRi9XgTFgGvmwjAORrMaNueGkqAK/1YFs9TGuiJxIc8Tm0w/bVGNoS4eJ0uyamqsLQroA9/pHCkp0AehFv4eonhiP8T"
            + "3OsaiMG38JCb5a9K7FDfrwd3T4+zjDIbecJL+viI0psHWwVmoyBBLXNBMjA5kKIqDYaYo6jsd7yoViTGcDpoYeRynal5yjkG"
            + "yXigSal+staD3P6Yf7dJb0HX0gA0KRA="),
        (
            TrustAnchorRole.JpkiSignRoot,
            "JPKI digital signature CA, generation 1 (2015-10-20..2025-10-19)",
            "MIIFETCCA/mgAwIBAgIBATANBgkqhkiG9w0BAQsFADCBgDELMAkGA1UEBhMCSlAxDTALBgNVBAoMBEpQS0kxIzAhBgNVBAsM"
            + "GkpQS0kgZm9yIGRpZ2l0YWwgc2lnbmF0dXJlMT0wOwYDVQQLDDRKYXBhbiBBZ2VuY3kgZm9yIExvY2FsIEF1dGhvcml0eSBJ"
            + "bmZvcm1hdGlvbiBTeXN0ZW1zMB4XDTE1MTAyMDAyNDAyOFoXDTI1MTAxOTE0NTk1OVowgYAxCzAJBgNVBAYTAkpQMQ0wCwYD"
            + "VQQKDARKUEtJMSMwIQYDVQQLDBpKUEtJIGZvciBkaWdpdGFsIHNpZ25hdHVyZTE9MDsGA1UECww0SmFwYW4gQWdlbmN5IGZv"
            + "ciBMb2NhbCBBdXRob3JpdHkgSW5mb3JtYXRpb24gU3lzdGVtczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBANfh"
            + "WTqnpAtEvBNZGuhoXSo5dzJLLhd+XuwNEz9VIZkWQbt3u3YmswI2szvojYQybMsLN+13DR9zCAesuSkBe80fyJUMi6brGoVI"
            + "z1Q0HhhMLQj5jSnOvvijo4Zrp89i3jl81l0X3942iTg8LyakAsaAHjyNeXCDB3rzR8/aqXpqX06tQRqIexYuk3JrWKn6TZ0C"
            + "y3UukYZDmypL+QaAYj8gIN5/FVPDrowqeqdI8hysHzzACZbb47E0EMtJhL/3B9X8gyQ2pehsm5bBBYKS6UDp1MjFmLPpV6W2"
            + "i7IUS0X+h38aSPwq7K1FxL7XnTqG/lwDYSMzrXAVYWtqquC6KwECAwEAAaOCAZIwggGOMA4GA1UdDwEB/wQEAwIBBjCBrgYD"
            + "VR0RBIGmMIGjpIGgMIGdMQswCQYDVQQGEwJKUDEnMCUGA1UECgwe5YWs55qE5YCL5Lq66KqN6Ki844K144O844OT44K5MTAw"
            + "LgYDVQQLDCflhaznmoTlgIvkurroqo3oqLzjgrXjg7zjg5PjgrnnvbLlkI3nlKgxMzAxBgNVBAsMKuWcsOaWueWFrOWFseWb"
            + "o+S9k+aDheWgseOCt+OCueODhuODoOapn+anizAPBgNVHRMBAf8EBTADAQH/MIGaBgNVHR8EgZIwgY8wgYyggYmggYakgYMw"
            + "gYAxCzAJBgNVBAYTAkpQMQ0wCwYDVQQKDARKUEtJMSMwIQYDVQQLDBpKUEtJIGZvciBkaWdpdGFsIHNpZ25hdHVyZTE9MDsG"
            + "A1UECww0SmFwYW4gQWdlbmN5IGZvciBMb2NhbCBBdXRob3JpdHkgSW5mb3JtYXRpb24gU3lzdGVtczAdBgNVHQ4EFgQUDQNM"
            + "uzTQcU9F5Focr9j9FD+rVKcwDQYJKoZIhvcNAQELBQADggEBAJWYNfX827RsgL0q6MAFfyMq+bUbi9Kz2FJm73u0/lM2Z03d"
            + "4ZAam7InzwLIHol/vRA1TNbDcPthU7eMBu0PcrGfANWykjhvyu8KorM+Rlpc3XNcyljhR96LcTWUTUdMmqH1ZVQNkDJF+ZAT"
            + "pxihwvnvKh700JwmrQZ2YySNw/7wulWqais90LGNHIYxYK1IJ5uv2Q18IPUbuzW+1fwy6UPdA1OBdbdjX9LFCNK8EBSBs5nu"
            + "elGnltbKIbtFPqfjWSOLib9o1TpTV1wHrRK542bWqPBKJGUl8hVuzmkYo8Lr9z6lL35N1zWFiNfIHbKraaqmP5zCoz3RmYYW"
            + "p0jCbJ8="),
        (
            TrustAnchorRole.JpkiSignRoot,
            "JPKI digital signature CA, generation 3 (2023-07-16..2033-07-15)",
            "MIIFFDCCA/ygAwIBAgIEBnxqITANBgkqhkiG9w0BAQsFADCBgDELMAkGA1UEBhMCSlAxDTALBgNVBAoMBEpQS0kxIzAhBgNV"
            + "BAsMGkpQS0kgZm9yIGRpZ2l0YWwgc2lnbmF0dXJlMT0wOwYDVQQLDDRKYXBhbiBBZ2VuY3kgZm9yIExvY2FsIEF1dGhvcml0"
            + "eSBJbmZvcm1hdGlvbiBTeXN0ZW1zMB4XDTIzMDcxNjAwNTAyN1oXDTMzMDcxNTE0NTk1OVowgYAxCzAJBgNVBAYTAkpQMQ0w"
            + "CwYDVQQKDARKUEtJMSMwIQYDVQQLDBpKUEtJIGZvciBkaWdpdGFsIHNpZ25hdHVyZTE9MDsGA1UECww0SmFwYW4gQWdlbmN5"
            + "IGZvciBMb2NhbCBBdXRob3JpdHkgSW5mb3JtYXRpb24gU3lzdGVtczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEB"
            + "ANi0xL81Wl6UyoSYgP4lRONGzgOoHZLmhKYn7R78djBrh6ViwZ3UNT2gj1FbApWdPZxyPDG37RXJBzY4qjujYgWG5bDEnkRJ"
            + "fMGG+xsuHkQ1zBf2rxSbwmfWjJmD0zriVKUmOJCbzNCZyZt6OreVjQcueeWx5nZYSzJt8yG6O9GQj+OE0UiN+zweAIfMDnP9"
            + "kjGIzOG3ZoDnr+3wqv/WPfHkKZKknOl3oagtasKaHXZmZvmtiEpG1b70P2dlgeywDDpBCyfP+QpR5BrueXnHjvqX7G0uyGiQ"
            + "ndL+DAt9cycIQergXIrMdOax2wDP/ZPSe1SR1JIFKPDarfKZZUZ3iUkCAwEAAaOCAZIwggGOMA4GA1UdDwEB/wQEAwIBBjCB"
            + "rgYDVR0RBIGmMIGjpIGgMIGdMQswCQYDVQQGEwJKUDEnMCUGA1UECgwe5YWs55qE5YCL5Lq66KqN6Ki844K144O844OT44K5"
            + "MTAwLgYDVQQLDCflhaznmoTlgIvkurroqo3oqLzjgrXjg7zjg5PjgrnnvbLlkI3nlKgxMzAxBgNVBAsMKuWcsOaWueWFrOWF"
            + "seWbo+S9k+aDheWgseOCt+OCueODhuODoOapn+anizAPBgNVHRMBAf8EBTADAQH/MIGaBgNVHR8EgZIwgY8wgYyggYmggYak"
            + "gYMwgYAxCzAJBgNVBAYTAkpQMQ0wCwYDVQQKDARKUEtJMSMwIQYDVQQLDBpKUEtJIGZvciBkaWdpdGFsIHNpZ25hdHVyZTE9"
            + "MDsGA1UECww0SmFwYW4gQWdlbmN5IGZvciBMb2NhbCBBdXRob3JpdHkgSW5mb3JtYXRpb24gU3lzdGVtczAdBgNVHQ4EFgQU"
            + "0h6lWJVhfpOtv5ZrlBq07fZT8I8wDQYJKoZIhvcNAQELBQADggEBANLq5fwgQlvbowToAGecatiTa2rSCpRNNibDgNrqgorI"
            + "vwS1mixEAItJWEpXaWq+3l/mN0cNW9kOZsH526Wy9XblvmsQm2CfTB8ltp7kfkiIHIIg3OWnRBbxAd+I6AsvuiE8N3RIZBTK"
            + "E5N/08WxlMPd03wkcgiyT6yu/G57tI7oS0e6FDW31BVdS4JyuXWHs78rgrxrGmcT1L/I6TeG+cQn+MCCMp7TD5GXYtUdrx9Q"
            + "2mmrSR7wf2ZNHiUtYq9hTkbnF0Mt4BUaEw1Bqtch0qlmVQG67YTUerI8rBIsDulJcwzDeVZ5P0UD3TBwLmM9t088Bgrv6is7"
            + "dFPT0JEqNwU="),
    ];
}
