using System.Text;
using Marketplace.Domain.Files;

namespace Marketplace.Infrastructure.Producers;

/// <summary>What an upload is for: each accepts its own real types.</summary>
public enum UploadPurpose
{
    /// <summary>The profile photo: JPEG or PNG, stored as a web-sized JPEG.</summary>
    Photo,
    /// <summary>A certificate: PDF as uploaded, or a JPEG/PNG scan stored as a legible JPEG.</summary>
    Document,
}

/// <summary>Why an upload was refused.</summary>
public enum UploadProblem
{
    Empty,
    TooLarge,
    WrongType,
    Unreadable,
}

/// <summary>The stored file ready to be added, or the problem that refused it.</summary>
public sealed record UploadResult(StoredFile? File, UploadProblem? Problem)
{
    public static UploadResult Refused(UploadProblem problem) => new(null, problem);
}

/// <summary>
/// Turns an upload into a <see cref="StoredFile"/> owned by a producer, after checking its size
/// and its real content: the magic bytes must say JPEG, PNG or (for documents) PDF, images must
/// decode with SkiaSharp and are re-encoded (which strips their metadata), PDFs must be complete.
/// The file's name and declared type are never trusted.
/// </summary>
public static class ProducerFiles
{
    public static async Task<UploadResult> ReadAsync(Stream content, long length, string? fileName,
        UploadPurpose purpose, int? ownerProducerId, DateTime utcNow, CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            return UploadResult.Refused(UploadProblem.Empty);
        }
        if (length > UploadInspector.MaxBytes)
        {
            return UploadResult.Refused(UploadProblem.TooLarge);
        }
        // The declared length can lie: read at most one byte past the limit to find out.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > UploadInspector.MaxBytes)
            {
                return UploadResult.Refused(UploadProblem.TooLarge);
            }
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
        {
            return UploadResult.Refused(UploadProblem.Empty);
        }
        return Check(bytes, fileName, purpose, ownerProducerId, utcNow);
    }

    private static UploadResult Check(byte[] bytes, string? fileName, UploadPurpose purpose, int? ownerProducerId,
        DateTime utcNow)
    {
        var kind = UploadInspector.Sniff(bytes);
        switch (kind)
        {
            case UploadKind.Jpeg or UploadKind.Png:
            {
                var (side, quality) = purpose == UploadPurpose.Photo
                    ? (PhotoProcessor.PhotoMaxSide, PhotoProcessor.PhotoQuality)
                    : (PhotoProcessor.DocumentMaxSide, PhotoProcessor.DocumentQuality);
                var image = PhotoProcessor.ToJpeg(bytes, side, quality);
                if (image is null)
                {
                    return UploadResult.Refused(UploadProblem.Unreadable);
                }
                var name = purpose == UploadPurpose.Photo ? "photo.jpg" : SafeName(fileName, "document", ".jpg");
                return new UploadResult(Stored(name, "image/jpeg", image.Jpeg, ownerProducerId, utcNow), null);
            }
            case UploadKind.Pdf when purpose == UploadPurpose.Document:
                return UploadInspector.IsCompletePdf(bytes)
                    ? new UploadResult(Stored(SafeName(fileName, "document", ".pdf"), "application/pdf", bytes,
                        ownerProducerId, utcNow), null)
                    : UploadResult.Refused(UploadProblem.Unreadable);
            default:
                return UploadResult.Refused(UploadProblem.WrongType);
        }
    }

    private static StoredFile Stored(string name, string contentType, byte[] bytes, int? ownerProducerId, DateTime utcNow) =>
        new()
        {
            Id = Guid.NewGuid(),
            FileName = name,
            ContentType = contentType,
            Length = bytes.Length,
            Content = bytes,
            OwnerProducerId = ownerProducerId,
            CreatedAtUtc = utcNow,
        };

    /// <summary>
    /// The uploaded name reduced to letters, digits, '-', '_' and single spaces, with the extension
    /// of the real content: safe in a Content-Disposition header and on any file system.
    /// </summary>
    public static string SafeName(string? fileName, string fallback, string extension)
    {
        // Browsers on Windows may send a whole path: keep only its last part.
        var path = (fileName ?? "").Replace('\\', '/');
        var stem = Path.GetFileNameWithoutExtension(path[(path.LastIndexOf('/') + 1)..]);
        var safe = new StringBuilder();
        foreach (var c in stem.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                safe.Append(c);
            }
            else if (safe.Length > 0 && safe[^1] != ' ')
            {
                safe.Append(' ');
            }
            if (safe.Length >= 80)
            {
                break;
            }
        }
        var name = safe.ToString().Trim();
        return (name.Length == 0 ? fallback : name) + extension;
    }
}
