"""The petitions service: voters' petitions from a voter-contact meeting to a published answer."""
