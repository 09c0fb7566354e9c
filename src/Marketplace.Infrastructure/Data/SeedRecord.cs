namespace Marketplace.Infrastructure.Data;

/// <summary>Marks a seed set as loaded, so it is never loaded twice.</summary>
public class SeedRecord
{
    public required string Name { get; set; }
    public DateTime LoadedAtUtc { get; set; }
}
