using Marketplace.Domain.Bookings;
using Marketplace.Domain.Producers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class BookingItemConfiguration : IEntityTypeConfiguration<BookingItem>
{
    public void Configure(EntityTypeBuilder<BookingItem> builder)
    {
        builder.Property(i => i.Description).HasMaxLength(120);
        builder.Property(i => i.Quantity).HasMaxLength(60);
        builder.HasOne<ProductCategory>().WithMany()
            .HasForeignKey(i => i.ProductCategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
