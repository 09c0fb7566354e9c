using Marketplace.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> builder)
    {
        builder.Property(m => m.Code).HasMaxLength(32);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(120);
        builder.Property(m => m.TimeZoneId).HasMaxLength(64);
        builder.Property(m => m.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.HasOne(m => m.Region).WithMany(r => r.Municipalities)
            .HasForeignKey(m => m.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Corridor).WithMany()
            .HasForeignKey(m => m.CorridorId).OnDelete(DeleteBehavior.Restrict);
    }
}
