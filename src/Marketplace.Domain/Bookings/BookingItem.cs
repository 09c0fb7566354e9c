namespace Marketplace.Domain.Bookings;

/// <summary>What a producer will bring to a fair day: a product and a rough quantity.</summary>
public class BookingItem
{
    public int Id { get; set; }
    public int BookingId { get; set; }
    public int? ProductCategoryId { get; set; }
    public required string Description { get; set; }
    public string? Quantity { get; set; }
}
