using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProducerSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ProducerSlot",
                table: "Bookings",
                type: "INTEGER",
                nullable: true);

            // Bookings made before slots existed: numbered per producer and day in the order they were made.
            migrationBuilder.Sql(
                "UPDATE [Bookings] SET [ProducerSlot] = (SELECT COUNT(*) FROM [Bookings] AS [b2] "
                + "WHERE [b2].[FairDayId] = [Bookings].[FairDayId] AND [b2].[ProducerId] = [Bookings].[ProducerId] "
                + "AND [b2].[Status] <> 'Cancelled' AND [b2].[Id] <= [Bookings].[Id]) "
                + "WHERE [Status] <> 'Cancelled';");

            migrationBuilder.CreateIndex(
                name: "UX_Bookings_FairDay_Producer_Slot",
                table: "Bookings",
                columns: new[] { "FairDayId", "ProducerId", "ProducerSlot" },
                unique: true,
                filter: "[ProducerSlot] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "UX_Bookings_FairDay_Producer_Slot",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "ProducerSlot",
                table: "Bookings");
        }
    }
}
