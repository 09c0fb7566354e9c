using Marketplace.Domain.Venues;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(160);
        builder.Property(v => v.Address).HasMaxLength(300);
        builder.HasIndex(v => new { v.MunicipalityId, v.Name }).IsUnique();
        builder.HasOne(v => v.Municipality).WithMany()
            .HasForeignKey(v => v.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(v => v.Stalls).WithOne(s => s.Venue)
            .HasForeignKey(s => s.VenueId).OnDelete(DeleteBehavior.Cascade);
    }
}
