using Marketplace.Domain.Fairs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class FairSeriesConfiguration : IEntityTypeConfiguration<FairSeries>
{
    public void Configure(EntityTypeBuilder<FairSeries> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(160);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.Property(s => s.RecurrenceRule).HasMaxLength(500);
        builder.Property(s => s.ExplicitDates).HasMaxLength(4000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.IsItinerant);
        builder.HasOne(s => s.OrganizerMunicipality).WithMany()
            .HasForeignKey(s => s.OrganizerMunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Fees).WithOne()
            .HasForeignKey(f => f.FairSeriesId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Route).WithOne()
            .HasForeignKey(r => r.FairSeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}
