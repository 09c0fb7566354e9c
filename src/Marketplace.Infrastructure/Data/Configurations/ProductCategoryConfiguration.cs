using Marketplace.Domain.Producers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.Property(c => c.Synonyms).HasMaxLength(500);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.NameEs).HasMaxLength(80);
        builder.Property(c => c.NamePtBr).HasMaxLength(80);
        builder.Property(c => c.NameEn).HasMaxLength(80);
    }
}
