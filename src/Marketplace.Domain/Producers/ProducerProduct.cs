namespace Marketplace.Domain.Producers;

/// <summary>A product category a producer sells.</summary>
public class ProducerProduct
{
    public int ProducerId { get; set; }
    public int ProductCategoryId { get; set; }
    public ProductCategory? ProductCategory { get; set; }
}
