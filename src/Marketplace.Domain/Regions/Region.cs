namespace Marketplace.Domain.Regions;

/// <summary>A brand with a default language: Huancavelica, Paraná, …</summary>
public class Region
{
    public const int MaxWelcomeLength = 1000;
    public const int MaxNameLength = 120;

    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Culture used when the visitor expresses no preference (es, pt-BR, en).</summary>
    public required string DefaultCulture { get; set; }
    /// <summary>The brand colour, <c>#rrggbb</c>; see <see cref="BrandColor"/>.</summary>
    public string PrimaryColor { get; set; } = "#1b5e20";
    public string? WelcomeText { get; set; }
    /// <summary>The logo (PNG or JPEG), a stored file; none shows the region's name only.</summary>
    public Guid? LogoFileId { get; set; }

    public List<Corridor> Corridors { get; set; } = [];
    public List<Municipality> Municipalities { get; set; } = [];

    /// <summary>The text colour readable on <see cref="PrimaryColor"/> (white or dark).</summary>
    public string TextColor => BrandColor.TryParse(PrimaryColor, out var color) ? color.TextColor : BrandColor.White;
}
