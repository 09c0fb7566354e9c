namespace Marketplace.Infrastructure.Producers;

/// <summary>What an uploaded file really is, judged by its first bytes, never by its name or declared type.</summary>
public enum UploadKind
{
    Unknown,
    Jpeg,
    Png,
    Pdf,
}

/// <summary>
/// Recognizes uploads by their magic bytes: JPEG <c>FF D8 FF</c>, PNG <c>89 50 4E 47 0D 0A 1A 0A</c>,
/// PDF <c>%PDF-</c>. A file named photo.jpg that holds text is <see cref="UploadKind.Unknown"/>.
/// </summary>
public static class UploadInspector
{
    /// <summary>The largest photo or document accepted: 5 MB.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    // PDF readers look for the end-of-file marker in the last kilobyte; a file without one is truncated.
    private const int PdfTrailerWindow = 1024;

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> PdfEnd => "%%EOF"u8;

    public static UploadKind Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(JpegMagic))
        {
            return UploadKind.Jpeg;
        }
        if (content.StartsWith(PngMagic))
        {
            return UploadKind.Png;
        }
        if (content.StartsWith(PdfMagic))
        {
            return UploadKind.Pdf;
        }
        return UploadKind.Unknown;
    }

    /// <summary>A PDF that starts with <c>%PDF-</c> and ends with <c>%%EOF</c> (within its last kilobyte).</summary>
    public static bool IsCompletePdf(ReadOnlySpan<byte> content) =>
        content.StartsWith(PdfMagic)
        && content[Math.Max(0, content.Length - PdfTrailerWindow)..].IndexOf(PdfEnd) >= 0;
}
