using SkiaSharp;

namespace Marketplace.Infrastructure.Producers;

/// <summary>A re-encoded image: JPEG bytes without any of the original's metadata.</summary>
public sealed record WebImage(byte[] Jpeg, int Width, int Height);

/// <summary>
/// Decodes a JPEG or PNG with SkiaSharp and re-encodes it as a JPEG no larger than a given side.
/// Re-encoding from pixels drops EXIF, GPS positions and anything else hidden in the file; the
/// EXIF orientation is applied first so that a phone's portrait photo stays upright.
/// </summary>
public static class PhotoProcessor
{
    /// <summary>Profile photos: 800 px on the long side, JPEG quality 80.</summary>
    public const int PhotoMaxSide = 800;
    public const int PhotoQuality = 80;

    /// <summary>Certificate scans stay legible: 2400 px on the long side, JPEG quality 90.</summary>
    public const int DocumentMaxSide = 2400;
    public const int DocumentQuality = 90;

    // A small file can claim huge dimensions (a "decompression bomb"); never decode more than this.
    private const long MaxDecodedPixels = 40_000_000;

    /// <returns>The image, or null when the bytes are not a complete, decodable JPEG or PNG of a sane size.</returns>
    public static WebImage? ToJpeg(byte[] content, int maxSide, int quality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png))
        {
            return null;
        }
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0)
        {
            return null;
        }

        // JPEG can decode straight at 1/2, 1/4 or 1/8 size: keep at least twice the target, then resample.
        var scale = Math.Min(1f, 2f * maxSide / Math.Max(width, height));
        var decodeSize = codec.GetScaledDimensions(scale);
        if ((long)decodeSize.Width * decodeSize.Height > MaxDecodedPixels)
        {
            return null;
        }
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        if (codec.GetPixels(decodeInfo, decoded.GetPixels()) != SKCodecResult.Success)
        {
            return null;
        }

        var fit = Math.Min(1d, (double)maxSide / Math.Max(decodeSize.Width, decodeSize.Height));
        var drawWidth = Math.Max(1, (int)Math.Round(decodeSize.Width * fit));
        var drawHeight = Math.Max(1, (int)Math.Round(decodeSize.Height * fit));
        var swapsAxes = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (outWidth, outHeight) = swapsAxes ? (drawHeight, drawWidth) : (drawWidth, drawHeight);

        using var surface = SKSurface.Create(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (surface is null)
        {
            return null;
        }
        var canvas = surface.Canvas;
        // JPEG has no transparency: a PNG's transparent parts become white rather than black.
        canvas.Clear(SKColors.White);
        canvas.SetMatrix(Orientation(codec.EncodedOrigin, drawWidth, drawHeight));
        using var source = SKImage.FromBitmap(decoded);
        canvas.DrawImage(source, SKRect.Create(drawWidth, drawHeight),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();

        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, quality);
        return jpeg is null ? null : new WebImage(jpeg.ToArray(), outWidth, outHeight);
    }

    /// <summary>Maps the stored pixels (w × h) to how the EXIF origin says they are meant to be seen.</summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
