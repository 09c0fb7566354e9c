namespace Marketplace.Domain.Regions;

/// <summary>A brand with a default language: Huancavelica, Paraná, …</summary>
public class Region
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>Culture used when the visitor expresses no preference (es, pt-BR, en).</summary>
    public required string DefaultCulture { get; set; }
    public string PrimaryColor { get; set; } = "#1b5e20";
    public string? WelcomeText { get; set; }

    public List<Corridor> Corridors { get; set; } = [];
    public List<Municipality> Municipalities { get; set; } = [];
}
