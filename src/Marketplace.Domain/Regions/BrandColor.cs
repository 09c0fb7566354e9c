using System.Globalization;

namespace Marketplace.Domain.Regions;

/// <summary>
/// A region's primary colour as <c>#rrggbb</c> and the text colour that stays readable on it:
/// white when white reaches the WCAG AA contrast of 4.5:1 for normal text, otherwise black.
/// </summary>
public readonly record struct BrandColor(byte R, byte G, byte B)
{
    /// <summary>WCAG 2.2 AA minimum contrast for normal-size text.</summary>
    public const double MinimumTextContrast = 4.5;
    public const string White = "#ffffff";
    // Pure black: for every colour either white or black reaches 4.5:1 (a dark grey would leave a gap).
    public const string Dark = "#000000";

    public static bool TryParse(string? value, out BrandColor color)
    {
        color = default;
        if (value is not { Length: 7 } || value[0] != '#'
            || !int.TryParse(value.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return false;
        }
        color = new BrandColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    public static BrandColor Parse(string value) =>
        TryParse(value, out var color) ? color : throw new FormatException($"'{value}' is not a #rrggbb colour.");

    /// <summary>Relative luminance as WCAG defines it (sRGB, linearized).</summary>
    public double Luminance => 0.2126 * Linear(R) + 0.7152 * Linear(G) + 0.0722 * Linear(B);

    public double ContrastWith(BrandColor other)
    {
        var (light, dark) = Luminance >= other.Luminance ? (Luminance, other.Luminance) : (other.Luminance, Luminance);
        return (light + 0.05) / (dark + 0.05);
    }

    /// <summary>White if it is readable on this colour, else dark text.</summary>
    public string TextColor => ContrastWith(new BrandColor(255, 255, 255)) >= MinimumTextContrast ? White : Dark;

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";

    private static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
