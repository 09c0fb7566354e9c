using Marketplace.Domain.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class CorridorConfiguration : IEntityTypeConfiguration<Corridor>
{
    public void Configure(EntityTypeBuilder<Corridor> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(120);
        builder.HasIndex(c => new { c.RegionId, c.Code }).IsUnique();
        builder.HasOne(c => c.Region).WithMany(r => r.Corridors)
            .HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}
