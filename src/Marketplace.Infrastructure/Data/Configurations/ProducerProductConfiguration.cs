using Marketplace.Domain.Producers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class ProducerProductConfiguration : IEntityTypeConfiguration<ProducerProduct>
{
    public void Configure(EntityTypeBuilder<ProducerProduct> builder)
    {
        builder.HasKey(pp => new { pp.ProducerId, pp.ProductCategoryId });
        builder.HasOne(pp => pp.ProductCategory).WithMany()
            .HasForeignKey(pp => pp.ProductCategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
