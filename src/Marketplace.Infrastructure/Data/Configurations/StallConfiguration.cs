using Marketplace.Domain.Venues;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class StallConfiguration : IEntityTypeConfiguration<Stall>
{
    public void Configure(EntityTypeBuilder<Stall> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(20);
        builder.HasIndex(s => new { s.VenueId, s.Code }).IsUnique();
    }
}
