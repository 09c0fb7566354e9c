namespace Marketplace.Domain.Producers;

/// <summary>A kind of product sold at fairs, named in each supported language.</summary>
public class ProductCategory
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameEs { get; set; }
    public required string NamePtBr { get; set; }
    public required string NameEn { get; set; }
    public int SortOrder { get; set; }

    public string NameFor(string culture) => culture switch
    {
        _ when culture.StartsWith("pt", StringComparison.OrdinalIgnoreCase) => NamePtBr,
        _ when culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) => NameEn,
        _ => NameEs,
    };
}
