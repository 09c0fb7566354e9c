using Marketplace.Domain.Producers;
using Marketplace.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class SubscriptionProductConfiguration : IEntityTypeConfiguration<SubscriptionProduct>
{
    public void Configure(EntityTypeBuilder<SubscriptionProduct> builder)
    {
        builder.HasKey(p => new { p.SubscriptionId, p.ProductCategoryId });
        builder.HasOne<ProductCategory>().WithMany().HasForeignKey(p => p.ProductCategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
