using Marketplace.Domain.Fairs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class SeriesFeeConfiguration : IEntityTypeConfiguration<SeriesFee>
{
    public void Configure(EntityTypeBuilder<SeriesFee> builder)
    {
        builder.HasIndex(f => new { f.FairSeriesId, f.StallKind }).IsUnique();
    }
}
