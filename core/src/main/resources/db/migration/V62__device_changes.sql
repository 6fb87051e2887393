-- Ingest keeps the device registry in memory; an enrolment, an edit, a deactivation or a removal
-- tells it at once, with the device's uid (its MQTT username and DTLS identity). A changed uid
-- names both, so that the old one stops working too. Sent on COMMIT only, never for a rollback.
CREATE FUNCTION caregrid_device_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('caregrid_device', NEW.uid);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('caregrid_device', OLD.uid);
  ELSE
    PERFORM pg_notify('caregrid_device', OLD.uid);
    IF NEW.uid <> OLD.uid THEN
      PERFORM pg_notify('caregrid_device', NEW.uid);
    END IF;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER device_registry_changed AFTER INSERT OR UPDATE OR DELETE ON device
  FOR EACH ROW EXECUTE FUNCTION caregrid_device_registry_changed();
