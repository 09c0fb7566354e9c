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
    /// <summary>Other names people use, across languages and regions (reference seeds), space-separated.</summary>
    public string Synonyms { get; set; } = "";

    /// <summary>Every name of the category as search compares it: the three languages and the synonyms.</summary>
    public string SearchNames() => Search.SearchText.Normalize($"{NameEs} {NamePtBr} {NameEn} {Synonyms}");

    public string NameFor(string culture) => culture switch
    {
        _ when culture.StartsWith("pt", StringComparison.OrdinalIgnoreCase) => NamePtBr,
        _ when culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) => NameEn,
        _ => NameEs,
    };
}
