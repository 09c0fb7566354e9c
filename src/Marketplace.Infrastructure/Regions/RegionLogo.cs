using Marketplace.Domain.Files;
using Marketplace.Infrastructure.Producers;
using SkiaSharp;

namespace Marketplace.Infrastructure.Regions;

/// <summary>
/// Turns an uploaded logo into a small PNG kept in the database: at most <see cref="MaxBytes"/>,
/// really a JPEG or PNG by its first bytes (<see cref="UploadInspector"/>), decodable, and redrawn
/// within <see cref="MaxWidth"/>×<see cref="MaxHeight"/> so that the header stays light on a slow
/// link. PNG keeps a transparent background; redrawing from pixels drops any metadata.
/// </summary>
public static class RegionLogo
{
    /// <summary>The largest logo accepted: 1 MB.</summary>
    public const long MaxBytes = 1024 * 1024;
    public const int MaxWidth = 480;
    public const int MaxHeight = 160;
    private const long MaxDecodedPixels = 16_000_000;

    public static async Task<UploadResult> ReadAsync(Stream content, long length, DateTime utcNow,
        CancellationToken cancellationToken)
    {
        if (length == 0)
        {
            return UploadResult.Refused(UploadProblem.Empty);
        }
        if (length > MaxBytes)
        {
            return UploadResult.Refused(UploadProblem.TooLarge);
        }
        // The declared length can lie: never hold more than one byte past the limit.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return UploadResult.Refused(UploadProblem.TooLarge);
            }
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
        {
            return UploadResult.Refused(UploadProblem.Empty);
        }
        if (UploadInspector.Sniff(bytes) is not (UploadKind.Png or UploadKind.Jpeg))
        {
            return UploadResult.Refused(UploadProblem.WrongType);
        }
        var png = ToPng(bytes);
        return png is null
            ? UploadResult.Refused(UploadProblem.Unreadable)
            : new UploadResult(new StoredFile
            {
                Id = Guid.NewGuid(),
                FileName = "logo.png",
                ContentType = "image/png",
                Length = png.Length,
                Content = png,
                CreatedAtUtc = utcNow,
            }, null);
    }

    private static byte[]? ToPng(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0
            || (long)codec.Info.Width * codec.Info.Height > MaxDecodedPixels)
        {
            return null;
        }
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        // A truncated file decodes partly (IncompleteInput): refused like any other broken one.
        if (codec.GetPixels(info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            return null;
        }
        var fit = Math.Min(1d, Math.Min((double)MaxWidth / info.Width, (double)MaxHeight / info.Height));
        var width = Math.Max(1, (int)Math.Round(info.Width * fit));
        var height = Math.Max(1, (int)Math.Round(info.Height * fit));
        using var resized = decoded.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul),
            new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null)
        {
            return null;
        }
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded?.ToArray();
    }
}
