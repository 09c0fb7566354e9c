using Marketplace.Domain.Fairs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class FairSeriesStopConfiguration : IEntityTypeConfiguration<FairSeriesStop>
{
    public void Configure(EntityTypeBuilder<FairSeriesStop> builder)
    {
        builder.HasIndex(s => new { s.FairSeriesId, s.Position }).IsUnique();
        builder.HasOne(s => s.Venue).WithMany()
            .HasForeignKey(s => s.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}
