using Marketplace.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(32);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.Name).HasMaxLength(120);
        builder.Property(r => r.DefaultCulture).HasMaxLength(10);
        builder.Property(r => r.PrimaryColor).HasMaxLength(9);
        builder.Property(r => r.WelcomeText).HasMaxLength(1000);
    }
}
